import{aG as i}from"./index-CNQNOFjl.js";const n=o=>["",...i].includes(o);export{n as i};
