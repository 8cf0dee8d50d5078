/* Valbrune front - build 2026.11.3 */
(function () {
  "use strict";
  var MENU = [
    { label: "Ma mairie", children: [
      { label: "Le conseil municipal", url: "/mairie/conseil-municipal/" },
      { label: "Budget et finances", url: "/mairie/budget/" },
      { label: "La ville recrute", url: "/mairie/emplois/" },
      { label: "Marchés publics", url: "/mairie/marches-publics/" }
    ]},
    { label: "Démarches", children: [
      { label: "E-services", url: "/demarches/" },
      { label: "Urbanisme", url: "/demarches/urbanisme/" },
      { label: "Signaler un dysfonctionnement", url: "/signalement/" }
    ]},
    { label: "Sortir à Valbrune", children: [
      { label: "Agenda", url: "/agenda/" },
      { label: "Médiathèque Louise-Michel", url: "/culture/mediatheque/" }
    ]},
    { label: "Actualités", url: "/actualites/" },
    { label: "Contact", url: "/contact/" }
  ];
  var SOCIAL = [
    { network: "Facebook", url: "https://www.facebook.com/VilleDeValbrune" },
    { network: "Instagram", url: "https://www.instagram.com/villedevalbrune/" },
    { network: "YouTube", url: "https://www.youtube.com/@villedevalbrune" },
    { network: "LinkedIn", url: "https://www.linkedin.com/company/ville-de-valbrune/" }
  ];
  function link(item) {
    var a = document.createElement("a");
    a.href = item.url; a.textContent = item.label;
    return a;
  }
  function buildMenu(root) {
    var ul = document.createElement("ul"); ul.className = "main-nav__list";
    MENU.forEach(function (entry) {
      var li = document.createElement("li");
      if (entry.children) {
        var b = document.createElement("button"); b.textContent = entry.label; b.setAttribute("aria-expanded", "false");
        li.appendChild(b);
        var sub = document.createElement("ul"); sub.className = "main-nav__sub";
        entry.children.forEach(function (c) { var sli = document.createElement("li"); sli.appendChild(link(c)); sub.appendChild(sli); });
        li.appendChild(sub);
        b.addEventListener("click", function () { b.setAttribute("aria-expanded", b.getAttribute("aria-expanded") === "true" ? "false" : "true"); });
      } else { li.appendChild(link(entry)); }
      ul.appendChild(li);
    });
    root.innerHTML = ""; root.appendChild(ul);
  }
  function buildSocial(root) {
    SOCIAL.forEach(function (s) {
      var li = document.createElement("li"); var a = document.createElement("a");
      a.href = s.url; a.className = "social social--" + s.network.toLowerCase();
      a.setAttribute("title", "Valbrune sur " + s.network + " (nouvelle fenêtre)"); a.target = "_blank"; a.rel = "noopener";
      a.textContent = s.network; li.appendChild(a); root.appendChild(li);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.getElementById("main-nav"); if (nav) buildMenu(nav);
    var social = document.getElementById("social-links"); if (social) buildSocial(social);
  });
})();
