/* tarteaucitron.js v1.19.0 - stub */ var tarteaucitron={job:[],user:{},init:function(p){this.parameters=p;}};
