import{aH as i}from"./index-o5QbnAZd.js";const n=o=>["",...i].includes(o);export{n as i};
