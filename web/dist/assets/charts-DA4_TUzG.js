const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EChart-CXM1h-Bn.js","assets/echarts-BUQ9RT62.js","assets/index-BeMOxbBL.js","assets/index-C0eQLJHV.css"])))=>i.map(i=>d[i]);
import{aE as o,aF as t}from"./index-BeMOxbBL.js";const e=o(()=>t(()=>import("./EChart-CXM1h-Bn.js"),__vite__mapDeps([0,1,2,3])));export{e as E};
