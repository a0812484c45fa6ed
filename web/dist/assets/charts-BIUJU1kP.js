const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-DtKILAhi.js","assets/echarts-BUQ9RT62.js","assets/index-B81bksi2.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aE as o,aF as t}from"./index-B81bksi2.js";const e=o(()=>t(()=>import("./EChart-DtKILAhi.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
