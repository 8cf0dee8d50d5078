var tarteaucitron = {job: [], user: {}, init: function (params) { this.params = params; }};
