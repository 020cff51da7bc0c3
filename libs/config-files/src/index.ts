export * from "./aws-settings";
export * from "./enforcement-levels";
export * from "./pack-config-file";
export * from "./pulumi-project-file";
export * from "./stack-files";
export * from "./waiver-report";
export * from "./waivers";
export * from "./yaml-file";
