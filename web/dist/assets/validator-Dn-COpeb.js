import{aG as i}from"./index-DhmO_yiV.js";const n=o=>["",...i].includes(o);export{n as i};
