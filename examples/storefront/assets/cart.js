// The demo shop's cart: a list of {id, variant_id?, variant?, name, price, quantity} in localStorage, one line per
// product and variant. It takes items from the page's own buttons, and through the client tools it registers from
// the assistant and from a card's "Add to cart" in its conversation: add_to_cart,
// remove_from_cart and get_cart answer the model with the cart as it now is. The assistant is told the cart
// (setContext) whenever it changes.
(function () {
  var KEY = 'contoso-outdoor-cart';
  // The queue before the widget has loaded, its page API after: push works on both.
  function voice(command) {
    (window.ContosoVoice = window.ContosoVoice || []).push(command);
  }
  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; }
  }
  function same(i, id, variantId) {
    return i.id === id && (!variantId || i.variant_id === variantId);
  }
  function summary(items) {
    return {
      items: items.map(function (i) {
        return { product_id: i.id, variant_id: i.variant_id, name: i.variant ? i.name + ' (' + i.variant + ')' : i.name, quantity: i.quantity, price: i.price };
      }),
      count: items.reduce(function (n, i) { return n + i.quantity; }, 0),
    };
  }
  function write(items) {
    localStorage.setItem(KEY, JSON.stringify(items));
    voice(['setContext', { cart: summary(items) }]);
    render();
    return summary(items);
  }
  function add(item, quantity) {
    var items = read();
    var found = items.filter(function (i) { return i.id === item.id && i.variant_id === item.variant_id; })[0];
    if (found) found.quantity += quantity;
    else items.push({ id: item.id, variant_id: item.variant_id, variant: item.variant, name: item.name, price: item.price, quantity: quantity });
    return write(items);
  }
  function remove(id, variantId, quantity) {
    var items = read();
    var found = items.filter(function (i) { return same(i, id, variantId); })[0];
    if (!found) return null;
    found.quantity -= quantity || found.quantity;
    return write(items.filter(function (i) { return i.quantity > 0; }));
  }
  function render() {
    var items = read();
    var badge = document.getElementById('cart-count');
    if (badge) badge.textContent = String(summary(items).count);
    var table = document.getElementById('cart-items');
    if (!table) return;
    table.innerHTML = '';
    items.forEach(function (i) {
      var row = document.createElement('tr');
      [i.name, i.variant || '', String(i.quantity), '$' + (i.price * i.quantity).toFixed(2)].forEach(function (text) {
        var cell = document.createElement('td');
        cell.textContent = text;
        row.appendChild(cell);
      });
      table.appendChild(row);
    });
    var total = document.getElementById('cart-total');
    if (total) total.textContent = '$' + items.reduce(function (n, i) { return n + i.price * i.quantity; }, 0).toFixed(2);
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('button[data-add]');
    if (button) add(JSON.parse(button.getAttribute('data-add')), 1);
  });
  // The assistant's shop actions, run here: the gateway has already checked the product, variant and stock.
  // The cards' own "Add to cart" buttons come here too.
  voice(['registerTool', 'add_to_cart', function (line) {
    return { added: true, cart: add({ id: line.product_id, variant_id: line.variant_id, variant: line.variant, name: line.name, price: line.price }, line.quantity) };
  }]);
  voice(['registerTool', 'remove_from_cart', function (a) {
    var cart = remove(a.product_id, a.variant_id, a.quantity);
    if (!cart) throw new Error((a.name || a.product_id) + ' is not in the cart');
    return { removed: true, cart: cart };
  }]);
  voice(['registerTool', 'get_cart', function () { return summary(read()); }]);
  voice(['setContext', { cart: summary(read()) }]);
  render();
})();
