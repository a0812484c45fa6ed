import{aH as i}from"./index-5O6IdYHz.js";const n=o=>["",...i].includes(o);export{n as i};
