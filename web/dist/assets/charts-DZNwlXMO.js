const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-DTFFmPW1.js","assets/echarts-BUQ9RT62.js","assets/index-CgK1hAo4.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aH as o,aI as t}from"./index-CgK1hAo4.js";const e=o(()=>t(()=>import("./EChart-DTFFmPW1.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
