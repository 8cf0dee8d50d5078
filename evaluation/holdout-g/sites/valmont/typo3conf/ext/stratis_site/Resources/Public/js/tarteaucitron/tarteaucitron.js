/* tarteaucitron.js 1.19 (extrait) */ var tarteaucitron={init:function(){},user:{},job:[]};
