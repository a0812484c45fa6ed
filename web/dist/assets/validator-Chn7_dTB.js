import{aH as i}from"./index-CVQIAfDc.js";const n=o=>["",...i].includes(o);export{n as i};
