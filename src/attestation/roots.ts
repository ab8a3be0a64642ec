/**
 * The trust anchors of key attestation: Marvell's (formerly Cavium's) LiquidSecurity root certificates, the
 * roots of the HSM devices behind Azure Managed HSM. Compiled in, pinned by SHA-256 fingerprint: the action
 * reads no variable, input or file that could add an anchor. Source: the two roots Microsoft's validator
 * pins (Azure/azure-managed-hsm-key-attestation, src/vendor/marvell/marvell_validate_key_attestation.py,
 * MARVELL_HSM_ROOT_CERTIFICATE and MARVELL_LS2_HSM_ROOT_CERTIFICATE), which Marvell also publishes.
 * Certificates are public data.
 */
import { X509Certificate } from 'node:crypto'

export interface TrustAnchor {
  /** What the report calls it. */
  name: string
  certificate: X509Certificate
  /** True for the compiled-in Marvell roots; false for an anchor a test preload added (never in a real run). */
  pinned: boolean
}

const LIQUIDSECURITY_ROOT = `-----BEGIN CERTIFICATE-----
MIIDvzCCAqegAwIBAgIBADANBgkqhkiG9w0BAQsFADCBkTELMAkGA1UEBhMCVVMx
EzARBgNVBAgMCkNhbGlmb3JuaWExETAPBgNVBAcMCFNhbiBKb3NlMRUwEwYDVQQK
DAxDYXZpdW0sIEluYy4xFzAVBgNVBAsMDkxpcXVpZFNlY3VyaXR5MSowKAYDVQQD
DCFsb2NhbGNhLmxpcXVpZHNlY3VyaXR5LmNhdml1bS5jb20wHhcNMjQwNzI1MjAy
OTIwWhcNMzQwNzIzMjAyOTIwWjCBkTELMAkGA1UEBhMCVVMxEzARBgNVBAgMCkNh
bGlmb3JuaWExETAPBgNVBAcMCFNhbiBKb3NlMRUwEwYDVQQKDAxDYXZpdW0sIElu
Yy4xFzAVBgNVBAsMDkxpcXVpZFNlY3VyaXR5MSowKAYDVQQDDCFsb2NhbGNhLmxp
cXVpZHNlY3VyaXR5LmNhdml1bS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAw
ggEKAoIBAQDckvqQM4cvZjdyqOLGMTjKJwvfxJOhVqw6pojgUMz10VU7z3CtJrwH
cESwEDUxUkMxzof55kForURLaVVCjedYauEisnZwwSWkAemp9GREm8iX6BXtoZ8V
DWoO2H0AJiHCM62qJeZVXhm8A/zWG0PyLrCINH0yz9ah6BcwdsZGLvQvkpUNJhwV
Mrb9nI9BlRmTWhoot1YSTf7jfibEkc/pN+0Ez30RFaL3MhyIaNJS22+10tny4sOU
TsPEtXKah5mPlHpnrGcB18z5Yxgr0vDNYx+FCPGo95XGrq9NYfNMlwsSeFSr8D1V
Q7HZmipeTB1hQTUQw/K/Rmtw5NiljkYTAgMBAAGjIDAeMA4GA1UdDwEB/wQEAwIC
hDAMBgNVHRMEBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQCYlr7aeTnbRfPJGc5Q
5LEVreY91mp0e5KN331iG3DXQ6x07RMY4PPN+MvVgIPD21Ix6Xtp6Vj9VcsBpV7h
+6X69s79Ix8j0XV+6+AnrLuftjUjNw7iI9shOYa9aSTg/R6YpwwpXH+L3SZZ+VEF
yBg5gM7az0aJvuF48fSxNNwel11VC6xkrUFTuzI13GqYe+2rWhc/4TWvs1PpSzA0
K0W7KYFX2jhGi7H1uOrVneJiaVgD9bgIao/UaQabjlLT62wE9DegpdKPOHbIiQp5
XOV1rIP/pAWSSiyY7BB7c1acC/3ucDoSjTNUEsVIk3Zsm2jiUy0XC/rZTxaZkHaH
Bux7
-----END CERTIFICATE-----`

const LIQUIDSECURITY2_ROOT = `-----BEGIN CERTIFICATE-----
MIIFbTCCA1WgAwIBAgIBADANBgkqhkiG9w0BAQsFADBpMUMwCQYDVQQGEwJVUzAJ
BgNVBAgMAkNBMAsGA1UECwwEU1NCVTAOBgNVBAcMB1Nhbkpvc2UwDgYDVQQKDAdN
YXJ2ZWxsMSIwIAYDVQQDDBljYXZpdW0tbGlxdWlkc2VjdXJpdHktbHMyMB4XDTI0
MDcyMjIwMzQyM1oXDTM0MDcyMDIwMzQyM1owaTFDMAkGA1UEBhMCVVMwCQYDVQQI
DAJDQTALBgNVBAsMBFNTQlUwDgYDVQQHDAdTYW5Kb3NlMA4GA1UECgwHTWFydmVs
bDEiMCAGA1UEAwwZY2F2aXVtLWxpcXVpZHNlY3VyaXR5LWxzMjCCAiIwDQYJKoZI
hvcNAQEBBQADggIPADCCAgoCggIBAM8x8JJPLiULUzlmnDKTQpFvg0iy5Gajj7Vt
OU04sszOVxcFWM4aUIhGxq7bbKtX7SxMiuR7wfSIkTW+O5AR3kG+PxhPKycfKaAS
0HTO38eRmI1q94E26g/kn4+6H8ECWOcRm1UxNljEJNsHc6NCw3NotVFfefvEYgpj
2NS5RGcWs9IcPhXfz7uEdA60taEdyhvqetoPQoYUKFpWB3uuhOXuYUuNyiXqDem6
QLG1zlc7da9tZ9H/xZZUwfhPxDYhi7j6PQbgbookN/csVC29tNitTZ8CKFPxLoGD
JMKCoV87Kn9Uce8Q6+6x7uGvngpJuzTksX7F69hEPA+qwmPu5+NczaxNHtgffcsM
+1Yoz0HJF7EQwXb8eST729Y7KHOF/rMOv3pCpKVIVpMrlfPZrIsf8pEMDKGKyHnZ
27Vyd1YwkHGLpw5oEsbctlzz0YbKntj5srToQflRj/8Gb27W4SgFJ8FpaTnNnHrE
SUKrXgFgfShA7wOZbdPzgNbRD1kdeptqypwXYr2OGlqidWRFtoQsLjmy+DO7/Y8T
0KzI5WpNpS2fxP/JlW070mCW0BmvMZBy9QarJjhwOWKD2lRqDWCkguRJpjKnLBUU
jjnBWQuJnFYcLuM1IGvIBhRyMuvsuv+iwNwabIaAffb55NK52jR695XN53/VqrW/
GGXVRbXbAgMBAAGjIDAeMA4GA1UdDwEB/wQEAwIChDAMBgNVHRMEBTADAQH/MA0G
CSqGSIb3DQEBCwUAA4ICAQCNdyJeWTIyOQ6mymRYta5tXfzIdBUT01RYSkLmsCga
sLbSHAZlq8HOwmozEr8ZL39f2BQ798VFHvHwsjJJVbJNY6Y9CmXehssPWxFlNYTX
j4P4GIevp19St9VU1d9alThYDyP7ZHTZhMoqlZfvqYQ6pzdvI+R+9vhHumENn8Nm
0HBz7lwc0rwM1LpnfqD2k/dmCk1x943e5o+Rzi7kYzm4+gjtaEftbvTX5FZ/jTpv
dOOkGv50kn37JHaR/+FJwEmYQEbst7hVykyQO/FJ0wtkFkjNDpPqQyTeuWpAeTn8
xYe8zZ8UGiolqFGJO2SimLITCsbofoEUnnYr4Hp7z4N1vZIbg65GvVTdo8be8IDz
AKrK3fMOT+zsKjaGPhVCvMObfu3w+yQ6Xon8850BXIkQbizuLprEW/TwhTMAta4N
1c5rGEQf7Ew0NuO3kGyANWub63ZzAMaLCJ8hRKh6VdbtF16E/ShjmbvXXV6O0Sg5
B81l7Hads8Z/DWNTYpqyt4MqW0429+31VwZle4yryV8bfsRi7Yj7Y0FUxCQYeNc0
zJ+6GDHbEW5D+DB2S7Kyd4IK2WEg6HJZWS2EM6+oVEO9dBgKOAVMZL74ozlhRS7m
783mhtSNzDnJe2DHaTofytCJFWeIntMvl7KWljI9LBaJ3PczFfg2b0IbkFE/hMJI
sA==
-----END CERTIFICATE-----`

/** The pinned roots and their SHA-256 fingerprints (as Node prints them), checked when first loaded. */
const PINNED: [name: string, pem: string, fingerprint256: string][] = [
  [
    'Marvell LiquidSecurity root (CN=localca.liquidsecurity.cavium.com)',
    LIQUIDSECURITY_ROOT,
    '23:01:43:DF:00:E0:B4:52:74:3E:06:8A:5B:3F:C0:8D:F8:F0:6C:EF:C4:85:4E:A6:27:AE:B7:EB:D7:0E:E2:F4'
  ],
  [
    'Marvell LiquidSecurity 2 root (CN=cavium-liquidsecurity-ls2)',
    LIQUIDSECURITY2_ROOT,
    '17:64:4D:E0:D3:3B:C7:3B:2F:4E:F4:C2:0A:11:F6:C8:CC:1F:72:3A:4C:D8:3E:E6:00:36:1C:BB:24:D8:D2:E5'
  ]
]

let pinned: TrustAnchor[] | undefined

/** The compiled-in Marvell roots; throws if a root no longer has its pinned fingerprint. */
export function marvellRoots(): TrustAnchor[] {
  pinned ??= PINNED.map(([name, pem, fingerprint]) => {
    const certificate = new X509Certificate(pem)
    if (certificate.fingerprint256 !== fingerprint)
      throw new Error(`the compiled-in ${name} does not have its pinned fingerprint`)
    return { name, certificate, pinned: true }
  })
  return pinned
}

/**
 * Where a test preload (`node --import`, scripts/attestation-preload.ts) leaves the emulator's test root, as
 * PEM. Only code already running inside the process can set it, and such code can do anything the action
 * does: it adds no way in that a workflow's `env:`, an input or a file offers. The report names such an
 * anchor as a test root, never as Marvell's.
 */
export const TEST_ANCHORS = Symbol.for('managed-hsm-skr.attestation.test-anchors')

/** The anchors a run trusts: the pinned Marvell roots, and a test root a preload put in this process. */
export function trustAnchors(): TrustAnchor[] {
  const extra = (globalThis as Record<symbol, unknown>)[TEST_ANCHORS]
  const tests = Array.isArray(extra) ? extra.filter((p): p is string => typeof p === 'string') : []
  return [
    ...marvellRoots(),
    ...tests.map(pem => ({
      name: 'test root added by a preload (not Marvell)',
      certificate: new X509Certificate(pem),
      pinned: false
    }))
  ]
}
