import{aH as i}from"./index-Dn7wXxoB.js";const n=o=>["",...i].includes(o);export{n as i};
