// Passkeys (WebAuthn) through Spring Security's endpoints: register a passkey, or sign in with one
// as the second factor. Buttons say what to do in data-passkey ("login", "enrol", "register").
(() => {
  const b64url = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
    },
  };

  async function post(button, url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [button.dataset.csrfHeader]: button.dataset.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  async function register(button, label) {
    const options = await post(button, "/webauthn/register/options");
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        user: { ...options.user, id: b64url.decode(options.user.id) },
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
      },
    });
    const r = credential.response;
    const result = await post(button, "/webauthn/register", {
      publicKey: {
        label,
        credential: {
          id: credential.id,
          rawId: b64url.encode(credential.rawId),
          type: credential.type,
          response: {
            attestationObject: b64url.encode(r.attestationObject),
            clientDataJSON: b64url.encode(r.clientDataJSON),
            transports: r.getTransports ? r.getTransports() : [],
          },
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment,
        },
      },
    });
    if (!result.success) throw new Error("registration refused");
  }

  /** Signs in with a passkey; returns where the server says to go next. */
  async function authenticate(button) {
    const options = await post(button, "/webauthn/authenticate/options");
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
      },
    });
    const r = credential.response;
    const result = await post(button, "/login/webauthn", {
      id: credential.id,
      rawId: b64url.encode(credential.rawId),
      credType: credential.type,
      response: {
        authenticatorData: b64url.encode(r.authenticatorData),
        clientDataJSON: b64url.encode(r.clientDataJSON),
        signature: b64url.encode(r.signature),
        userHandle: r.userHandle ? b64url.encode(r.userHandle) : undefined,
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    });
    if (!result.authenticated) throw new Error("passkey refused");
    return result.redirectUrl || "/";
  }

  for (const button of document.querySelectorAll("[data-passkey]")) {
    button.addEventListener("click", async () => {
      const error = document.getElementById("passkey-error");
      if (error) error.hidden = true;
      button.disabled = true;
      try {
        const action = button.dataset.passkey;
        if (action === "login") {
          window.location.href = await authenticate(button);
          return;
        }
        const input = document.getElementById(button.dataset.labelInput);
        await register(button, (input && input.value.trim()) || "passkey");
        // At first enrolment the new passkey then serves as this session's second factor.
        if (action === "enrol") await authenticate(button);
        window.location.href = button.dataset.next;
      } catch (e) {
        console.error(e);
        if (error) error.hidden = false;
        button.disabled = false;
      }
    });
  }
})();
