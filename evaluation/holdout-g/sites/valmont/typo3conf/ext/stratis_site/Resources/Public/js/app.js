document.querySelectorAll(".menu-main__toggle").forEach(function(b){b.addEventListener("click",function(){b.setAttribute("aria-expanded",b.getAttribute("aria-expanded")!=="true");});});
