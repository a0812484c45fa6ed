const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-CjppGdoo.js","assets/echarts-BUQ9RT62.js","assets/index-Dyyu1n9x.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aH as o,aI as t}from"./index-Dyyu1n9x.js";const e=o(()=>t(()=>import("./EChart-CjppGdoo.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
