import{aH as i}from"./index-D3Rl1-OV.js";const n=o=>["",...i].includes(o);export{n as i};
