/* Klaro! 0.7.21 */ var klaro={};
