#!/usr/bin/env bash
# Makes the certificates the TLS tests serve from FakeImapServer, in OUTDIR
# (a fresh temporary directory the test owns). Nothing here is committed: the
# keys are generated at test start and die with the directory.
#
#   make-test-certs.sh OUTDIR
#
# Writes (PEM; every leaf has SAN DNS:localhost, IP:127.0.0.1 unless noted,
# keys are EC P-256, NAME.key beside each NAME.pem):
#   ca.pem            the test CA (what TlsOptions::caFile points at)
#   leaf.pem          valid, signed by the test CA
#   leaf2.pem         valid too, signed by the test CA, a different key
#                     (the "changed certificate" case)
#   expired.pem       signed by the test CA, valid 2020-01-01 .. 2021-01-01
#   notyet.pem        signed by the test CA, valid 2090-01-01 .. 2091-01-01
#   wronghost.pem     signed by the test CA, for wrong.example only
#   selfsigned.pem    self-signed (its own issuer)
#   unknownca.pem     signed by another CA (other-ca.pem) that no test trusts
# and sha256-NAME.txt: the lowercase hex SHA-256 of NAME.pem's DER (what a
# user pins).
set -euo pipefail

out=${1:?usage: make-test-certs.sh OUTDIR}
mkdir -p "$out"
cd "$out"

command -v openssl >/dev/null || { echo "make-test-certs.sh: openssl is not installed (Debian: openssl)" >&2; exit 1; }

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }

# A tiny CA database for `openssl ca`, the only stock tool that takes
# arbitrary validity dates (expired and not-yet-valid leaves).
ca_conf() { # NAME
    mkdir -p "db-$1/new"
    : >"db-$1/index.txt"
    [ -f "db-$1/serial" ] || echo 1000 >"db-$1/serial"
    cat >"db-$1/ca.cnf" <<EOF
[ ca ]
default_ca = this_ca
[ this_ca ]
dir = db-$1
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
certificate = $1.pem
private_key = $1.key
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
email_in_dn = no
[ any ]
commonName = supplied
EOF
}

make_ca() { # NAME CN
    key "$1"
    openssl req -new -x509 -key "$1.key" -out "$1.pem" -days 3650 -sha256 -subj "/CN=$2" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    ca_conf "$1"
}

leaf() { # NAME CA START END CN SAN
    key "$1"
    openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$5" \
        -addext "subjectAltName=$6" -addext "basicConstraints=critical,CA:FALSE" \
        -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" 2>/dev/null
    openssl ca -batch -notext -config "db-$2/ca.cnf" -in "$1.csr" -out "$1.pem" \
        -startdate "$3" -enddate "$4" 2>/dev/null >/dev/null
    rm -f "$1.csr"
}

san="DNS:localhost,IP:127.0.0.1"
now=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
later=$(date -u -d '+365 days' +%Y%m%d%H%M%SZ)

make_ca ca "Idlebell Test CA"
make_ca other-ca "Unknown Test CA"

leaf leaf ca "$now" "$later" localhost "$san"
leaf leaf2 ca "$now" "$later" localhost "$san"
leaf expired ca 20200101000000Z 20210101000000Z localhost "$san"
leaf notyet ca 20900101000000Z 20910101000000Z localhost "$san"
leaf wronghost ca "$now" "$later" wrong.example "DNS:wrong.example"
leaf unknownca other-ca "$now" "$later" localhost "$san"

key selfsigned
openssl req -new -x509 -key selfsigned.key -out selfsigned.pem -days 365 -sha256 -subj "/CN=localhost" \
    -addext "subjectAltName=$san" -addext "basicConstraints=critical,CA:FALSE" \
    -addext "extendedKeyUsage=serverAuth" 2>/dev/null

for name in ca leaf leaf2 expired notyet wronghost selfsigned unknownca; do
    openssl x509 -in "$name.pem" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1 >"sha256-$name.txt"
done
rm -rf db-ca db-other-ca
echo "test certificates written to $out"
