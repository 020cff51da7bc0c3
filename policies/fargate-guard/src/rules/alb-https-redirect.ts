import { code } from "../lib/messages";
import { AWSX_APPLICATION_LOAD_BALANCER, elbTypes, isElbType } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";
import { field } from "../lib/props";

export const albHttpsRedirect = defineResourceRule({
  name: "alb-https-redirect",
  description: "Checks that every HTTP listener of a load balancer redirects to HTTPS.",
  cause:
    "An `aws:lb`/`aws:alb` listener, or a listener of an awsx ApplicationLoadBalancer (including the HTTP:80 " +
    "listener awsx creates when none is given), uses HTTP and its single default action is not a redirect to HTTPS.",
  rationale:
    "Plain HTTP exposes sessions and credentials on the wire; clients must be sent to HTTPS before any request is served.",
  notCovered:
    "Listener rules beyond the default action; the HTTPS listener's certificate and TLS policy; Network Load Balancers; listeners of other providers (`aws-native:elasticloadbalancingv2:Listener`).",
  fix:
    "Serve the application on an HTTPS listener with a certificate, and make the HTTP listener's default action " +
    '`{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }`.',
  enforcementLevel: "advisory",
  resourceTypes: [...elbTypes("listener"), AWSX_APPLICATION_LOAD_BALANCER],
  references: ["AWSGuard alb-http-to-https-redirection", "Checkov CKV_AWS_2", "Checkov CKV2_AWS_20"],
  check({ type, props, report }) {
    if (isElbType(type, "listener")) {
      checkListener(props, "The listener", report);
      return;
    }
    const listeners = (props.listeners ?? (props.listener ? [props.listener] : [])) as readonly unknown[];
    if (listeners.length === 0) {
      report(
        "The load balancer declares no listener, so awsx creates an HTTP listener on port 80 that forwards in plain " +
          "text: take control of it by passing `listeners` to awsx.lb.ApplicationLoadBalancer, an HTTPS listener " +
          "with a certificate and an HTTP listener whose only default action redirects to HTTPS.",
      );
      return;
    }
    listeners.forEach((listener, index) =>
      checkListener(listener, `Listener ${props.listeners ? `\`listeners[${index}]\`` : "`listener`"}`, report),
    );
  },
});

/** ALB listeners default to HTTP when `protocol` is unset (aws.lb.Listener `protocol`). */
function checkListener(listener: unknown, label: string, report: (message: string) => void): void {
  const protocol: unknown = field(listener, "protocol") ?? "HTTP";
  if (protocol !== "HTTP") return;
  const port = (field(listener, "port") ?? 80) as string | number;
  const actions = (field(listener, "defaultActions") ?? []) as readonly unknown[];
  const [action] = actions;
  if (
    actions.length === 1 &&
    field(action, "type") === "redirect" &&
    field(field(action, "redirect"), "protocol") === "HTTPS"
  )
    return;
  const actual =
    actions.length === 0
      ? "has no default action"
      : `${actions.length > 1 ? "has several default actions" : `defaults to ${code(field(action, "type") ?? "unset")}`}`;
  report(`${label} serves HTTP on port ${port} and ${actual}: make its only default action a redirect to HTTPS.`);
}
