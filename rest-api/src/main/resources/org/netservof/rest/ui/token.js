// The token dialog: asked for once (when the API answers 401, or before the first change), kept for the tab.
import { setToken, token } from './api.js';

const $ = id => document.getElementById(id);

/** Opens the dialog; resolves once a token is stored, rejects when the operator cancels. */
function ask(reason) {
  const dialog = $('token-dialog');
  $('token-reason').textContent = reason;
  $('token-input').value = '';
  return new Promise((resolve, reject) => {
    const close = (ok) => {
      $('token-form').onsubmit = null;
      $('token-cancel').onclick = null;
      dialog.close();
      if (ok) resolve();
      else reject(new Error('no token given: ' + reason));
    };
    $('token-form').onsubmit = (event) => {
      event.preventDefault();
      setToken($('token-input').value);
      close(true);
    };
    $('token-cancel').onclick = () => close(false);
    dialog.oncancel = (event) => { event.preventDefault(); close(false); };
    dialog.showModal();
    $('token-input').focus();
  });
}

/** The header's token button shows whether one is set, and opens the dialog to change or forget it. */
export function wireToken(askFor) {
  const button = $('token-button');
  const label = () => { button.textContent = token() ? 'Token set' : 'Token'; };
  label();
  button.addEventListener('click', () => ask('Enter the operator token to use from now on.').then(label, label));
  $('token-forget').addEventListener('click', () => {
    setToken(null);
    label();
    $('token-cancel').onclick?.(); // the dialog is only ever open through ask()
  });
  askFor((reason) => ask(reason).finally(label));
}
