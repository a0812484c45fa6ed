import{aH as i}from"./index-CV3V7GzB.js";const n=o=>["",...i].includes(o);export{n as i};
