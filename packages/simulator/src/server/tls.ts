// A fixed, public, self-signed certificate for 127.0.0.1/::1/localhost (valid until 2126).
// Baileys always uploads media over https://, so the media host needs *some* certificate;
// this one protects nothing and is only meant for loopback tests. Clients trust it through
// the `fetchAgent` returned by `simulator.clientOptions()`.
export const SIMULATOR_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBvjCCAWSgAwIBAgIUALEP5qGjUUmRHBpnF0DoX/jAyyswCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRbXVsdGl3YS1zaW11bGF0b3IwIBcNMjYxMTI0MTcwNTQyWhgP
MjEyNjEwMzExNzA1NDJaMBwxGjAYBgNVBAMMEW11bHRpd2Etc2ltdWxhdG9yMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExdmuJC1FoEdgaexNdJ8RjrWcCsQjy4Fq
ECsbV1FLguvipzEKQoDSvf3W+PnKdSk4b82wOaGqEWhBrIadSLN0GaOBgTB/MB0G
A1UdDgQWBBTKgLvhMFjtxmxx71C+l+9z5zV8wjAfBgNVHSMEGDAWgBTKgLvhMFjt
xmxx71C+l+9z5zV8wjAPBgNVHRMBAf8EBTADAQH/MCwGA1UdEQQlMCOHBH8AAAGH
EAAAAAAAAAAAAAAAAAAAAAGCCWxvY2FsaG9zdDAKBggqhkjOPQQDAgNIADBFAiBR
MaqmXr5PXkaj0i6Gaze++HzGN70ZEhi8mTUOivuDaQIhALtYApAoby10B3x0vpBK
HuNqCktkdDMBI3iTSiPAcco1
-----END CERTIFICATE-----
`;

export const SIMULATOR_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgh1YYp2by9auO2un1
1KMer+xM49cjUSKMXytWDOpuXMChRANCAATF2a4kLUWgR2Bp7E10nxGOtZwKxCPL
gWoQKxtXUUuC6+KnMQpCgNK9/db4+cp1KThvzbA5oaoRaEGshp1Is3QZ
-----END PRIVATE KEY-----
`;
