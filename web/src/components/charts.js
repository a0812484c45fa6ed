// The chart component, loaded when a page first draws a chart: ECharts is
// the largest library of the UI, and pages without charts (or a customer with
// no orders) never fetch it; a page with charts shows the rest meanwhile.
import { defineAsyncComponent } from 'vue'

export const EChart = defineAsyncComponent(() => import('./EChart.vue'))
