import"./vendor-react-2b6c91f3.js";/* hydrateRoot(document.getElementById("root")) */
