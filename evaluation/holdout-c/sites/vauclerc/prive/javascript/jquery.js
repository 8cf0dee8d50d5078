/*! jQuery v3.7.1 */
