/* tarteaucitron.js 1.19.0 */ var tarteaucitron = { init: function () {}, user: {}, job: [] };
