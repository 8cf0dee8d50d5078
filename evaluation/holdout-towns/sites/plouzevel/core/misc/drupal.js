window.Drupal = window.Drupal || {behaviors:{}};
