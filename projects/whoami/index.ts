import { serviceProgram } from "@platform/service-component";

// Everything a service is lives in the component; this project is its stack files and its tests.
export = serviceProgram();
