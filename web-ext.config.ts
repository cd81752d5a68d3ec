import { defineWebExtConfig } from 'wxt';

// `wxt dev` must not try to open a browser on machines without a display; `npm start` does that.
export default defineWebExtConfig({ disabled: true });
