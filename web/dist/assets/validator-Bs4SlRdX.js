import{as as i}from"./index-CgK1hAo4.js";const e=o=>["",...i].includes(o);export{e as i};
