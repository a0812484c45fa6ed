import{as as i}from"./index-Dyyu1n9x.js";const e=o=>["",...i].includes(o);export{e as i};
