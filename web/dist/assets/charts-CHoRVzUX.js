const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-DWrDzAF4.js","assets/echarts-BUQ9RT62.js","assets/index-CV3V7GzB.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aE as o,aF as t}from"./index-CV3V7GzB.js";const e=o(()=>t(()=>import("./EChart-DWrDzAF4.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
