// The demo shop's cart: a list of {id, name, price, quantity} in localStorage.
// It takes items from the page's own buttons and from the assistant's add_to_cart.
(function () {
  var KEY = 'contoso-outdoor-cart';
  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; }
  }
  function write(items) {
    localStorage.setItem(KEY, JSON.stringify(items));
    render();
  }
  function add(item, quantity) {
    var items = read();
    var found = items.filter(function (i) { return i.id === item.id; })[0];
    if (found) found.quantity += quantity;
    else items.push({ id: item.id, name: item.name, price: item.price, quantity: quantity });
    write(items);
  }
  function render() {
    var items = read();
    var count = items.reduce(function (n, i) { return n + i.quantity; }, 0);
    var badge = document.getElementById('cart-count');
    if (badge) badge.textContent = String(count);
    var table = document.getElementById('cart-items');
    if (!table) return;
    table.innerHTML = '';
    items.forEach(function (i) {
      var row = document.createElement('tr');
      [i.name, String(i.quantity), '$' + (i.price * i.quantity).toFixed(2)].forEach(function (text) {
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
  window.ContosoVoice = window.ContosoVoice || [];
  window.ContosoVoice.push(['on', 'add_to_cart', function (d) {
    add({ id: d.productId, name: d.product.name, price: d.product.price }, d.quantity);
  }]);
  window.ContosoVoice.push(['setContext', { cart: { items: read().map(function (i) { return { id: i.id, quantity: i.quantity }; }) } }]);
  render();
})();
