import{aH as i}from"./index-B81bksi2.js";const n=o=>["",...i].includes(o);export{n as i};
