/*! react-dom.production.min.js */ export default {};
