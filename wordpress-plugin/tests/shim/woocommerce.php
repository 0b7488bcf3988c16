<?php
// A fake WooCommerce: loading this file makes WooCommerce "active" (the plugin checks class_exists).

class WooCommerce
{
}

/** The WC_Order getters the plugin reads, over an array; order notes are recorded. */
class WC_Order
{
    public $data;
    public $notes = array();

    public function __construct(array $data)
    {
        $this->data = $data;
        $GLOBALS['wc_shim_orders'][$data['id']] = $this;
    }

    public function get_id()
    {
        return $this->data['id'];
    }

    public function get_order_number()
    {
        return (string) ($this->data['number'] ?? $this->data['id']);
    }

    public function get_status()
    {
        return $this->data['status'];
    }

    public function set_status($status)
    {
        $this->data['status'] = $status;
    }

    public function get_billing_first_name()
    {
        return $this->data['first_name'] ?? '';
    }

    public function get_billing_last_name()
    {
        return $this->data['last_name'] ?? '';
    }

    public function get_billing_phone()
    {
        return $this->data['phone'] ?? '';
    }

    /** As wc_price() renders it: markup around the amount. */
    public function get_formatted_order_total()
    {
        return '<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">' . $this->data['currency'] . '</span>' . $this->data['total'] . '</bdi></span>';
    }

    public function add_order_note($note)
    {
        $this->notes[] = $note;
    }
}

function wc_get_order($id)
{
    return $GLOBALS['wc_shim_orders'][$id] ?? false;
}

function wc_get_order_status_name($status)
{
    $names = array('pending' => 'Pending payment', 'processing' => 'Processing', 'completed' => 'Completed', 'on-hold' => 'On hold', 'cancelled' => 'Cancelled');
    $status = preg_replace('/^wc-/', '', $status);
    return $names[$status] ?? $status;
}
