var tarteaucitron={init:function(){},user:{},job:[]};
