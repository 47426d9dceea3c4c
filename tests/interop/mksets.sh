#!/usr/bin/env bash
# mksets.sh OUTDIR — generate the small certificate sets used to test probe.sh.
# Each set is a directory holding server.crt, server.key and server-ca.crt.
#   guide-mysql     the ApsaraDB RDS MySQL guide's exact commands (v1 leaf, CN only)
#   san-partial     v3 leaf, CN=root-ish, SAN DNS:rm-bp1*.mysql.rds.aliyuncs.com
#   key-mismatch    guide-mysql but server.key belongs to another key pair
#   expired         guide-style leaf whose notAfter is in the past
#   wrong-ca        guide-mysql leaf, but server-ca.crt is an unrelated CA
#   encrypted-key   guide-mysql with the leaf key encrypted (AES-256, passphrase "x")
#   guide-pg-san    the RDS PostgreSQL guide's SAN recipe (v3_req: CA:FALSE, KU, two DNS SANs)
#   strict-ok       a set meant to pass everyone, Python 3.13's VERIFY_X509_STRICT included:
#                   CA with critical CA:TRUE, keyUsage, SKI; leaf with AKI, EKU serverAuth,
#                   SANs DNS:rm-bp1abc123.mysql.rds.aliyuncs.com, IP:127.0.0.1
# Name-matching sets: strict-ok's CA and extensions, only the names differ.
#   name-rm-star        CN=example-server, SAN DNS:rm-*.mysql.rds.aliyuncs.com
#   name-star-suffix    CN=example-server, SAN DNS:*bp1abc123.mysql.rds.aliyuncs.com
#   name-cn-ip-dns-san  CN=127.0.0.1, SAN DNS:rm-bp1abc123.mysql.rds.aliyuncs.com
#   name-ip-as-dns      CN=example-server, SAN DNS:127.0.0.1
#   name-ip-san-only    CN=rm-bp1abc123.mysql.rds.aliyuncs.com, SAN IP:127.0.0.1
#   name-star-com       CN=example-server, SAN DNS:*.com
# Weak or unsuitable leaves (strict-ok's CA, SAN DNS:rm-bp1abc123..., IP:127.0.0.1):
#   weak-rsa1024        RSA-1024 leaf key
#   weak-sha1           leaf signed with SHA-1
#   eku-client-only     extendedKeyUsage clientAuth only
#   ku-certsign-only    leaf keyUsage keyCertSign only
set -euo pipefail

out=${1:?usage: mksets.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
ep=rm-bp1abc123.mysql.rds.aliyuncs.com
q() { "$@" >/dev/null 2>&1; }

mkca() { # dir cn
	q openssl req -new -x509 -days 365 -nodes -out "$1/server-ca.crt" -keyout "$1/server-ca.key" -subj "/CN=$2"
}

# guide-mysql: verbatim from the MySQL guide.
d=$out/guide-mysql
mkdir -p "$d"
(
	cd "$d"
	mkca . root-ca
	q openssl req -new -nodes -text -out server.csr -keyout server.key -subj "/CN=$ep"
	q openssl x509 -req -in server.csr -text -days 365 -CA server-ca.crt -CAkey server-ca.key -CAcreateserial -out server.crt
)

# san-partial: a v3 leaf whose only name is a partial-label wildcard SAN.
d=$out/san-partial
mkdir -p "$d"
(
	cd "$d"
	mkca . root-ca
	q openssl req -new -nodes -out server.csr -keyout server.key -subj "/CN=example-server"
	printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:rm-bp1*.mysql.rds.aliyuncs.com\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' >ext.cnf
	q openssl x509 -req -in server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key -CAcreateserial -extfile ext.cnf -out server.crt
)

# key-mismatch: copy guide-mysql, replace the key with a fresh one.
d=$out/key-mismatch
mkdir -p "$d"
cp "$out/guide-mysql/server.crt" "$out/guide-mysql/server-ca.crt" "$d/"
q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/server.key"

# expired: leaf valid from 2020-01-01 to 2020-12-31, signed by a fresh CA.
d=$out/expired
mkdir -p "$d"
(
	cd "$d"
	mkca . root-ca
	q openssl req -new -nodes -out server.csr -keyout server.key -subj "/CN=$ep"
	# openssl x509 cannot back-date; use "openssl ca" with explicit dates.
	mkdir -p db && : >db/index.txt && echo 1000 >db/serial
	cat >ca.cnf <<CNF
[ca]
default_ca=c
[c]
dir=.
database=db/index.txt
serial=db/serial
new_certs_dir=db
certificate=server-ca.crt
private_key=server-ca.key
default_md=sha256
policy=p
copy_extensions=none
[p]
commonName=supplied
CNF
	q openssl ca -batch -config ca.cnf -startdate 20200101000000Z -enddate 20201231000000Z -in server.csr -out server.crt -notext
)

# wrong-ca: guide-mysql leaf and key, unrelated CA of the same name.
d=$out/wrong-ca
mkdir -p "$d"
cp "$out/guide-mysql/server.crt" "$out/guide-mysql/server.key" "$d/"
mkca "$d" root-ca

# encrypted-key: guide-mysql with the key encrypted.
d=$out/encrypted-key
mkdir -p "$d"
cp "$out/guide-mysql/server.crt" "$out/guide-mysql/server-ca.crt" "$d/"
q openssl pkey -in "$out/guide-mysql/server.key" -aes256 -passout pass:x -out "$d/server.key"

# guide-pg-san: the PostgreSQL guide's SAN recipe (its config additions, without the
# interactive prompts: the CN is left empty as the guide says).
d=$out/guide-pg-san
mkdir -p "$d"
(
	cd "$d"
	mkca . root-server-ca
	cat >req.cnf <<'CNF'
[ req ]
distinguished_name = dn
prompt = no
req_extensions = v3_req
[ dn ]
C = CN
[ v3_req ]
basicConstraints = CA:FALSE
keyUsage = nonRepudiation, digitalSignature, keyEncipherment
subjectAltName = @alt_names
[ alt_names ]
DNS.1 = pgm-bpxxxxx.pg.rds.aliyuncs.com
DNS.2 = pgm-bpyyyyy.pg.rds.aliyuncs.com
CNF
	q openssl req -new -nodes -text -out server.csr -keyout server.key -config req.cnf
	q openssl x509 -req -in server.csr -text -days 365 -CA server-ca.crt -CAkey server-ca.key -CAcreateserial -out server.crt -extensions v3_req -extfile req.cnf
)

# strict-ok
d=$out/strict-ok
mkdir -p "$d"
(
	cd "$d"
	cat >ca.cnf <<'CNF'
[ req ]
distinguished_name = dn
x509_extensions = v3
[ dn ]
[ v3 ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
CNF
	q openssl req -new -x509 -days 365 -nodes -out server-ca.crt -keyout server-ca.key -subj "/CN=strict root" -config ca.cnf
	q openssl req -new -nodes -out server.csr -keyout server.key -subj "/CN=$ep" -config ca.cnf
	printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:%s,IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' "$ep" >ext.cnf
	q openssl x509 -req -in server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key -CAcreateserial -extfile ext.cnf -out server.crt
)

# Name-matching sets signed by strict-ok's CA.
mkname() { # set cn san [keyUsage [extendedKeyUsage [rsa-bits [digest]]]]
	local d=$out/$1
	mkdir -p "$d"
	cp "$out/strict-ok/server-ca.crt" "$d/"
	q openssl req -new -nodes -newkey "rsa:${6:-2048}" -out "$d/server.csr" -keyout "$d/server.key" -subj "/CN=$2" \
		-config "$out/strict-ok/ca.cnf"
	printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,%s\nextendedKeyUsage=%s\nsubjectAltName=%s\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' \
		"${4:-digitalSignature,keyEncipherment}" "${5:-serverAuth}" "$3" >"$d/ext.cnf"
	q openssl x509 -req -in "$d/server.csr" -days 365 -CA "$out/strict-ok/server-ca.crt" -CAkey "$out/strict-ok/server-ca.key" \
		-CAcreateserial -CAserial "$d/ca.srl" -extfile "$d/ext.cnf" "-${7:-sha256}" -out "$d/server.crt"
}
mkname name-rm-star example-server "DNS:rm-*.mysql.rds.aliyuncs.com"
mkname name-star-suffix example-server "DNS:*bp1abc123.mysql.rds.aliyuncs.com"
mkname name-cn-ip-dns-san 127.0.0.1 "DNS:$ep"
mkname name-ip-as-dns example-server "DNS:127.0.0.1"
mkname name-ip-san-only "$ep" "IP:127.0.0.1"
mkname name-star-com example-server "DNS:*.com"
good_san="DNS:$ep,IP:127.0.0.1"
mkname weak-rsa1024 "$ep" "$good_san" "" "" 1024
mkname weak-sha1 "$ep" "$good_san" "" "" "" sha1
mkname eku-client-only "$ep" "$good_san" "" clientAuth
mkname ku-certsign-only "$ep" "$good_san" keyCertSign

chmod -R go+rX "$out"
echo "$out"
