placeholder strings.js
