import{aH as i}from"./index-Bjym3n9G.js";const n=o=>["",...i].includes(o);export{n as i};
