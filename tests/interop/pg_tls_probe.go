// pg_tls_probe: TLS to a PostgreSQL server the way pgx (Go) verifies it.
//
// Sends the PostgreSQL SSLRequest on a raw TCP connection, then the TLS
// handshake with crypto/tls, RootCAs = the set's CA:
//
//	verify-full  ServerName = NAME, standard verification (host name + chain)
//	verify-ca    InsecureSkipVerify + VerifyPeerCertificate running
//	             x509 Verify with the CA and the sent intermediates but no
//	             DNSName, exactly like pgx's pgconn/config.go
//
// After the handshake it sends a StartupMessage over TLS and waits for
// ReadyForQuery. Prints "accept|reject|error<TAB>reason"; exit 0 for
// accept/reject, 2 for error.
//
// Build: go build -o pg_tls_probe pg_tls_probe.go (standard library only).
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

func out(verdict, reason string) {
	fmt.Printf("%s\t%s\n", verdict, strings.Join(strings.Fields(reason), " "))
	if verdict == "accept" || verdict == "reject" {
		os.Exit(0)
	}
	os.Exit(2)
}

// versionName: tls.VersionName is Go 1.21+, Debian 12 ships Go 1.19.
func versionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

func main() {
	addr := flag.String("addr", "", "address to connect to")
	port := flag.Int("port", 0, "port")
	name := flag.String("name", "", "endpoint name to verify")
	caFile := flag.String("ca", "", "CA file")
	mode := flag.String("mode", "", "verify-ca or verify-full")
	user := flag.String("user", "probe", "database user")
	flag.Parse()
	if *addr == "" || *port == 0 || *name == "" || *caFile == "" || (*mode != "verify-ca" && *mode != "verify-full") {
		out("error", "harness: usage: pg_tls_probe --addr A --port P --name N --ca FILE --mode verify-ca|verify-full")
	}

	pem, err := os.ReadFile(*caFile)
	if err != nil {
		out("error", "harness: "+err.Error())
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		out("reject", "no certificate could be parsed from the CA file")
	}

	cfg := &tls.Config{RootCAs: roots}
	if *mode == "verify-full" {
		cfg.ServerName = *name
	} else {
		// pgx: sslmode=verify-ca
		cfg.InsecureSkipVerify = true
		cfg.VerifyPeerCertificate = func(certificates [][]byte, _ [][]*x509.Certificate) error {
			certs := make([]*x509.Certificate, len(certificates))
			for i, asn1Data := range certificates {
				cert, err := x509.ParseCertificate(asn1Data)
				if err != nil {
					return errors.New("failed to parse certificate from server: " + err.Error())
				}
				certs[i] = cert
			}
			opts := x509.VerifyOptions{
				Roots:         cfg.RootCAs,
				Intermediates: x509.NewCertPool(),
			}
			for _, cert := range certs[1:] {
				opts.Intermediates.AddCert(cert)
			}
			_, err := certs[0].Verify(opts)
			return err
		}
	}

	conn, err := net.DialTimeout("tcp", net.JoinHostPort(*addr, strconv.Itoa(*port)), 10*time.Second)
	if err != nil {
		out("error", "harness: cannot connect: "+err.Error())
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(15 * time.Second))

	req := make([]byte, 8)
	binary.BigEndian.PutUint32(req[0:4], 8)
	binary.BigEndian.PutUint32(req[4:8], 80877103)
	if _, err := conn.Write(req); err != nil {
		out("error", "harness: SSLRequest failed: "+err.Error())
	}
	answer := make([]byte, 1)
	if _, err := io.ReadFull(conn, answer); err != nil {
		out("error", "harness: SSLRequest failed: "+err.Error())
	}
	if answer[0] != 'S' {
		out("reject", fmt.Sprintf("server refused SSLRequest (answered %q)", answer))
	}

	tc := tls.Client(conn, cfg)
	if err := tc.Handshake(); err != nil {
		out("reject", "TLS handshake failed: "+err.Error())
	}
	st := tc.ConnectionState()

	params := []byte("user\x00" + *user + "\x00database\x00postgres\x00\x00")
	msg := make([]byte, 8, 8+len(params))
	binary.BigEndian.PutUint32(msg[0:4], uint32(8+len(params)))
	binary.BigEndian.PutUint32(msg[4:8], 196608)
	msg = append(msg, params...)
	if _, err := tc.Write(msg); err != nil {
		out("reject", "TLS session failed after handshake: "+err.Error())
	}
	for {
		hdr := make([]byte, 5)
		if _, err := io.ReadFull(tc, hdr); err != nil {
			out("reject", "TLS session failed after handshake: "+err.Error())
		}
		n := int(binary.BigEndian.Uint32(hdr[1:5])) - 4
		body := make([]byte, n)
		if _, err := io.ReadFull(tc, body); err != nil {
			out("reject", "TLS session failed after handshake: "+err.Error())
		}
		if hdr[0] == 'Z' {
			break
		}
		if hdr[0] == 'E' {
			out("error", "harness: TLS up but startup failed: "+strings.ReplaceAll(string(body), "\x00", " "))
		}
	}
	_, _ = tc.Write([]byte{'X', 0, 0, 0, 4})
	out("accept", fmt.Sprintf("ssl %s %s", versionName(st.Version), tls.CipherSuiteName(st.CipherSuite)))
}
