import { setupPgliteTemplate } from "./global-setup";
export default setupPgliteTemplate;
