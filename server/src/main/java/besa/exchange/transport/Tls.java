package besa.exchange.transport;

import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.util.List;

/**
 * TLS 1.3 contexts for node-to-node traffic. Both sides present the node's own certificate; trust
 * is pinning, not a CA: the server accepts a client only if its certificate is one registered for
 * an active partner ({@link ClientCertificates}), the client accepts a server only if it presents a
 * certificate registered for the partner it is calling.
 */
final class Tls {
    static final String PROTOCOL = "TLSv1.3";

    private Tls() {}

    static SSLContext context(NodeIdentity me, X509ExtendedTrustManager trust) {
        return context(me.tlsKey(), me.tlsCertificate(), trust);
    }

    static SSLContext context(PrivateKey key, X509Certificate cert, X509ExtendedTrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(new javax.net.ssl.KeyManager[] {new OneKey(key, cert)}, new javax.net.ssl.TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the given server certificates, while they are valid. */
    static X509ExtendedTrustManager pinnedServers(List<X509Certificate> pinned, Clock clock) {
        Set<String> fps = pinned.stream().map(Certificates::fingerprint).collect(Collectors.toUnmodifiableSet());
        return new TrustOnly() {
            @Override
            void check(X509Certificate[] chain, boolean client) throws CertificateException {
                if (client) throw new CertificateException("this context does not accept clients");
                if (chain == null || chain.length == 0 || !fps.contains(Certificates.fingerprint(chain[0]))) {
                    throw new CertificateException("the server's certificate is not the one registered for this partner");
                }
                chain[0].checkValidity(Date.from(clock.instant()));
            }
        };
    }

    /** A trust manager deciding on the leaf certificate alone (pinning); no hostname or CA path checks. */
    abstract static class TrustOnly extends X509ExtendedTrustManager {
        abstract void check(X509Certificate[] chain, boolean client) throws CertificateException;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, true);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, true);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, true);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, false);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, false);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, false);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Presents the node's one key and certificate, whatever the peer asks for. */
    private static final class OneKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "node";
        private final PrivateKey key;
        private final X509Certificate cert;

        OneKey(PrivateKey key, X509Certificate cert) {
            this.key = key;
            this.cert = cert;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {cert};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
