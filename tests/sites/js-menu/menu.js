document.addEventListener('DOMContentLoaded', function () {
  setTimeout(function () {
    document.getElementById('menu').innerHTML = '<a href="/demarches/">Démarches en ligne</a> <a href="https://www.facebook.com/villejs">Facebook</a>';
  }, 800);
});
