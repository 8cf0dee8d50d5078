/* tarteaucitron.js v1.19.0 - stub for the static copy */
var tarteaucitron={user:{},job:[],init:function(p){this.parameters=p}};
