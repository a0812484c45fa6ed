const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-BNknjz1L.js","assets/echarts-BUQ9RT62.js","assets/index-CVQIAfDc.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aE as o,aF as t}from"./index-CVQIAfDc.js";const e=o(()=>t(()=>import("./EChart-BNknjz1L.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
