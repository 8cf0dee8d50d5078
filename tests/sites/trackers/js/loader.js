// Loads a tracker and a consent banner the way tag managers do: only visible once scripts run.
(function () {
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-TEST';
  document.head.appendChild(s);
  document.addEventListener('DOMContentLoaded', function () {
    var banner = document.createElement('div');
    banner.id = 'tarteaucitronRoot';
    banner.innerHTML = '<div id="tarteaucitronAlertBig"><button>Tout accepter</button><button>Tout refuser</button></div>';
    document.body.appendChild(banner);
  });
})();
