import{aH as i}from"./index-BeMOxbBL.js";const n=o=>["",...i].includes(o);export{n as i};
