<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Accueil - Brécy-sur-Ardoise</title>
<meta name="description" content="Site officiel de la commune de Brécy-sur-Ardoise (Indre-et-Loire)" />
<link rel="stylesheet" type="text/css" href="css/brecy.css" />
<link rel="shortcut icon" href="images/favicon.ico" />
</head>
<body>
<div id="page">
<div id="entete">
<a href="index.php"><img src="images/logo-brecy.gif" width="260" height="90" alt="Brécy-sur-Ardoise - accueil" /></a>
<p class="devise">Commune de Brécy-sur-Ardoise - 1 812 habitants</p>
</div>
<div id="navigation">
<ul id="menu">
<li><a href="index.php">Accueil</a></li>
<li><a href="rubrique.php?rub=1">La mairie</a></li>
<li><a href="rubrique.php?rub=2">Vos démarches</a></li>
<li><a href="rubrique.php?rub=3">Enfance - jeunesse</a></li>
<li><a href="rubrique.php?rub=4">Vivre à Brécy</a></li>
<li><a href="rubrique.php?rub=5">Actualités</a></li>
<li><a href="page.php?id=19">Contact</a></li>
</ul>
</div>
<div id="corps">
<div id="colonne">
<div class="bloc">
<h3>Rechercher</h3>
<form action="https://www.google.fr/search" method="get">
<input type="hidden" name="sitesearch" value="www.brecy-sur-ardoise.fr" />
<input type="text" name="q" size="16" />
<input type="submit" value="OK" />
</form>
</div>
<div class="bloc">
<h3>Mairie de Brécy</h3>
<p>2, place de l'Église<br />37190 Brécy-sur-Ardoise<br />Tél. 02 47 45 60 12<br />
<a href="mailto:accueil@brecy-sur-ardoise.fr">accueil@brecy-sur-ardoise.fr</a></p>
</div>
<div class="bloc">
<h3>Suivez-nous</h3>
<p><a href="https://www.facebook.com/mairiebrecysurardoise"><img src="images/facebook.gif" alt="" width="16" height="16" /> Facebook</a><br />
<a href="https://twitter.com/BrecyArdoise"><img src="images/twitter.gif" alt="" width="16" height="16" /> Twitter</a></p>
<p><a href="https://app.panneaupocket.com/ville/1739408531-brecy-sur-ardoise"><img src="images/panneaupocket.gif" alt="" width="16" height="16" /> PanneauPocket</a> :
les alertes et infos de la mairie sur votre téléphone, sans inscription. Téléchargez l'application gratuite et ajoutez Brécy-sur-Ardoise en favori.</p>
</div>
</div>

<div id="contenu">
<h1>Bienvenue à Brécy-sur-Ardoise</h1>
<div class="edito">
<p><img src="images/maire.gif" width="90" height="110" alt="Catherine Morin-Lebreton" class="gauche" />
Chères Brécyennes, chers Brécyens,</p>
<p>Ce site est le vôtre : vous y trouverez les informations pratiques de la mairie, les comptes rendus du conseil
municipal et l'actualité de la commune. Nos formulaires en ligne vous permettent de réserver une salle ou de signaler
un problème sans vous déplacer.</p>
<p>Bonne visite !<br /><em>Catherine Morin-Lebreton, maire</em></p>
</div>
<h2>Dernières actualités</h2>
<ul class="liste-actus">
<li><span class="date">20/11/2026</span> <a href="page.php?id=53">Marché de Noël le dimanche 13 décembre</a></li>
<li><span class="date">04/11/2026</span> <a href="page.php?id=52">La commune recrute un agent d'entretien des espaces verts (H/F)</a></li>
<li><span class="date">12/10/2026</span> <a href="page.php?id=47">Travaux rue des Ardoisiers</a></li>
</ul>
<p><a href="rubrique.php?rub=5">Toutes les actualités</a></p>
<h2>Accès rapides</h2>
<ul class="acces">
<li><a href="page.php?id=6">Demander un acte d'état civil</a></li>
<li><a href="page.php?id=10">Portail Familles</a></li>
<li><a href="page.php?id=11">Réserver une salle</a></li>
<li><a href="page.php?id=15">Signaler un problème</a></li>
<li><a href="page.php?id=3">Comptes rendus du conseil</a></li>
<li><a href="page.php?id=17">Marchés publics</a></li>
</ul>


</div>
<div class="spacer"></div>
</div>
<div id="pied">
<p>Mairie de Brécy-sur-Ardoise - 2, place de l'Église - 37190 Brécy-sur-Ardoise - Tél. 02 47 45 60 12 - Fax 02 47 45 60 19</p>
<p><a href="page.php?id=18">Mentions légales</a> | <a href="page.php?id=19">Contact</a> | <a href="page.php?id=5">Plan d'accès</a></p>
<p class="credit">Conception : Ardoise Web - 2011</p>
</div>
</div>
</body>
</html>
