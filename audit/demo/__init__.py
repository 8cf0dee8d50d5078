"""The bundled demo: fictional commune sites served on 127.0.0.1."""
