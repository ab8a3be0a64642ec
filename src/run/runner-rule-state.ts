/**
 * The post state naming the IP rule this run's just-in-time access added (`{rule, tag, resourceGroup, hsmName}` as
 * JSON): alone in its module, so the post phase reads it without loading the Azure clients first.
 */
export const RUNNER_RULE_STATE = 'runner-ip-rule'
