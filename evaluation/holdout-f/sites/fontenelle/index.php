<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>Commune de Fontenelle-la-Vieille - Accueil</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="keywords" content="Fontenelle-la-Vieille, Fontenelle, mairie, commune, village, Lot-et-Garonne, Coteaux de Lisle">
<meta name="description" content="Site officiel de la commune de Fontenelle-la-Vieille">
<link rel="stylesheet" href="style.css" type="text/css">
<script type="text/javascript" src="http://www.google-analytics.com/urchin.js"></script>
<script type="text/javascript">
_uacct = "UA-3184422-1";
urchinTracker();
</script>
</head>
<body bgcolor="#E8E4C9" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">
<table width="900" align="center" border="0" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr>
<td colspan="2"><a href="index.php"><img src="images/bandeau.gif" width="900" height="140" border="0" alt="Commune de Fontenelle-la-Vieille"></a></td>
</tr>
<tr>
<td colspan="2" bgcolor="#4A6B12" height="22" align="right"><font color="#FFFFFF" size="1" face="Verdana">Bienvenue sur le site officiel de la commune de Fontenelle-la-Vieille &nbsp;</font></td>
</tr>
<tr>
<td width="190" valign="top" bgcolor="#DDE5C0" style="border-right: 2px solid #4A6B12; padding: 6px">
<table width="100%" border="0" cellpadding="3" cellspacing="0" class="boite">
<tr><td class="titremenu" bgcolor="#4A6B12"><b>La Mairie</b></td></tr>
<tr><td class="lien">&raquo; <a href="index.php">Accueil</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=mairie">La mairie</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=conseil">Le conseil municipal</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=comptes-rendus">Comptes rendus</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=budget">Budget communal</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=bulletin">Le Petit Fontenellois</a></td></tr>
</table><br>
<table width="100%" border="0" cellpadding="3" cellspacing="0" class="boite">
<tr><td class="titremenu" bgcolor="#4A6B12"><b>Vie pratique</b></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=formalites">Formalités administratives</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=urbanisme">Urbanisme</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=elections">Élections</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=ecole">École - Cantine</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=dechets">Ordures ménagères</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=salle">Salle des fêtes</a></td></tr>
</table><br>
<table width="100%" border="0" cellpadding="3" cellspacing="0" class="boite">
<tr><td class="titremenu" bgcolor="#4A6B12"><b>Vivre au village</b></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=actualites">Actualités</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=agenda">Manifestations</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=associations">Associations</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=sondage">Questionnaire centre-bourg</a></td></tr>
</table><br>
<table width="100%" border="0" cellpadding="3" cellspacing="0" class="boite">
<tr><td class="titremenu" bgcolor="#4A6B12"><b>Découvrir</b></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=histoire">Un peu d'histoire</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=photos">Photos</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=liens">Liens utiles</a></td></tr>
<tr><td class="lien">&raquo; <a href="index.php?page=english">English version</a></td></tr>
</table><br>

<center><img src="images/blason.gif" width="80" height="95" alt="Blason de Fontenelle"></center>
</td>
<td width="710" valign="top" class="contenu" style="padding: 12px">
<h1>Accueil</h1>
<table width="100%" border="0" cellpadding="4">
<tr><td valign="top">
<img src="images/eglise.gif" width="200" height="150" align="right" hspace="8" alt="L'église Saint-Martin">
<p><b>Bienvenue à Fontenelle-la-Vieille !</b></p>
<p>Nichée sur les coteaux qui dominent la vallée de la Lisle, notre commune compte 418 habitants
(recensement 2018). Ancienne bastide fondée au XIII<sup>e</sup> siècle, elle a conservé sa halle,
son église romane et ses lavoirs.</p>
<p>Ce site a été créé en 2008 pour vous présenter la vie de la commune, les services de la mairie et
les associations. Bonne visite !</p>
<p><i>Le Maire,<br>Bernard Castaing</i></p>
</td></tr>
</table>
<table width="100%" border="1" bordercolor="#4A6B12" cellpadding="6" cellspacing="0">
<tr><td bgcolor="#DDE5C0"><b>Secrétariat de mairie</b></td><td bgcolor="#DDE5C0"><b>A voir sur le site</b></td></tr>
<tr><td valign="top" width="50%">
Lundi : 14h00 - 17h30<br>Mercredi : 9h00 - 12h00<br>Vendredi : 14h00 - 18h00<br>
Tél. : 05 53 84 12 07
</td><td valign="top">
&raquo; <a href="index.php?page=agenda">Le calendrier des fêtes</a><br>
&raquo; <a href="index.php?page=sondage">Questionnaire sur l'aménagement du centre-bourg</a><br>
&raquo; <a href="index.php?page=bulletin">Le Petit Fontenellois</a><br>
&raquo; <a href="index.php?page=english">English version</a>
</td></tr>
</table>

</td>
</tr>
<tr>
<td colspan="2" class="pied" bgcolor="#4A6B12" align="center"><font color="#FFFFFF" size="1" face="Verdana">
Mairie de Fontenelle-la-Vieille - 1, place de la Halle - 47350 Fontenelle-la-Vieille - T&eacute;l. 05 53 84 12 07<br>
<a href="index.php?page=plan" class="blanc">Plan du site</a> | <a href="index.php?page=mentions" class="blanc">Mentions légales</a> | <a href="index.php?page=contact" class="blanc">Contact</a><br>
Site réalisé par Gérard Puech - <a href="https://www.facebook.com/gerard.puech.47" class="blanc" target="_blank">retrouvez-moi sur Facebook</a> - Dernière mise à jour : 20/05/2021<br>
Site optimisé pour Internet Explorer 7 - résolution 1024x768 &nbsp;
<img src="http://www.compteur-gratuit.org/cpt.php?id=48211&amp;style=3" alt="compteur" border="0">
</font></td>
</tr>
</table>
</body>
</html>
